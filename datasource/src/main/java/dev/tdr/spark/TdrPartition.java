package dev.tdr.spark;

import dev.tdr.core.unload.Manifest;
import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One input partition: one part, or consecutive small parts up to the target size. A small
 * serializable value (URIs, lengths, row counts).
 */
record TdrPartition(int index, List<Manifest.Entry> parts) implements InputPartition {
  TdrPartition {
    parts = List.copyOf(parts);
  }
}
