package dev.tdr.core.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Record splitting: a part cut at any byte into ranges finds the same records as read whole. */
class RecordScanTest {
  /** UNLOAD-style CSV: quoted fields holding the delimiter, doubled quotes, newlines; an empty last field. */
  private static final byte[] PART = ("1,\"plain\"\n"
      + "2,\"two\nlines\"\n"
      + "3,\"say \"\"hi\"\"\n,\"\"\"\"\"\n"
      + "4,\"\"\n"
      + "5,\"日本語 🎉\n\n\"\n"
      + "6,\n").getBytes(StandardCharsets.UTF_8);

  /** Record starts of PART, found by reading it whole, character by character. */
  private static List<Integer> starts() {
    List<Integer> s = new ArrayList<>();
    boolean q = false;
    for (int p = 0; p < PART.length; p++) {
      if (PART[p] == '"') {
        q = !q;
      } else if (PART[p] == '\n' && !q) {
        s.add(p + 1);
      }
    }
    return s;
  }

  @Test
  void wholePartHoldsSixRecordsAndEndsOutsideQuotes() {
    RecordScan s = RecordScan.of(PART, false, (byte) '"', (byte) '\n');
    assertThat(s.records()).isEqualTo(6);
    assertThat(s.quotedAtEnd()).isFalse();
    assertThat(s.newlines()).isEqualTo(10);
    assertThat(s.firstStart()).isEqualTo("1,\"plain\"\n".length());
  }

  @Test
  void everyCutFindsTheNextRecordStartAndKeepsTheCount() {
    List<Integer> starts = starts();
    for (int k = 0; k <= PART.length; k++) {
      RecordScan head = RecordScan.of(Arrays.copyOfRange(PART, 0, k), false, (byte) '"', (byte) '\n');
      RecordScan tail = RecordScan.of(Arrays.copyOfRange(PART, k, PART.length), head.quotedAtEnd(), (byte) '"', (byte) '\n');
      assertThat(head.records() + tail.records()).as("cut at %d", k).isEqualTo(6);
      final int cut = k;
      int expected = starts.stream().filter(s -> s > cut).findFirst().orElse(-1);
      assertThat(tail.firstStart() < 0 ? -1 : tail.firstStart() + k).as("cut at %d", k).isEqualTo(expected);
      assertThat(head.newlines() + tail.newlines()).isEqualTo(10);
    }
  }

  @Test
  void aRangeInsideOneLongQuotedFieldHasNoRecordStart() {
    byte[] inside = "abc\ndef\n".getBytes(StandardCharsets.UTF_8);
    RecordScan s = RecordScan.of(inside, true, (byte) '"', (byte) '\n');
    assertThat(s.firstStart()).isEqualTo(-1);
    assertThat(s.records()).isZero();
    assertThat(s.quotedAtEnd()).isTrue();
    assertThat(s.newlinesToFirst()).isZero();
  }
}
