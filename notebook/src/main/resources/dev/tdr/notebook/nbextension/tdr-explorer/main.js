// TDR's notebook extension for the classic Jupyter Notebook (6.x, Debian's jupyter-notebook):
// outputs of type application/vnd.dataresource+json are shown as the nteract data explorer, and
// the explorer's state (view, metrics, dimensions) is kept in the output's metadata, under
// metadata["application/vnd.dataresource+json"].dx, where nteract keeps it; saved with the
// notebook, it is restored when the notebook is opened again.
//
//   jupyter nbextension install --user notebook/src/main/resources/dev/tdr/notebook/nbextension/tdr-explorer
//   jupyter nbextension enable --user tdr-explorer/main
define([
  "jquery",
  "base/js/namespace",
  "base/js/events",
  "notebook/js/outputarea",
  "./tdr-explorer",
], function ($, Jupyter, events, outputarea) {
  "use strict";
  var MIME = "application/vnd.dataresource+json";
  var OutputArea = outputarea.OutputArea;

  function append(data, md, element) {
    var type = MIME;
    var toinsert = this.create_output_subarea(md, "output_tdr_explorer", type);
    var box = $("<div/>").addClass("tdr-explorer").css({ minHeight: "660px", width: "100%" });
    toinsert.append(box);
    element.append(toinsert);
    var value = typeof data === "string" ? JSON.parse(data) : data;
    // md is the output's own metadata object (the one saved with the notebook). The explorer
    // reports its state when it starts too: only a different state is a change to save.
    // The charts take their size from the page: render once the output is on it (the output
    // area attaches what this returns only afterwards).
    whenAttached(box[0], function () {
      window.TdrExplorer.render(box[0], value, md[MIME], function (changed) {
        var before = md[MIME] && md[MIME].dx ? canonical(md[MIME].dx) : null;
        var after = changed && changed.dx ? canonical(changed.dx) : null;
        md[MIME] = changed;
        if (before !== null && before !== after && Jupyter.notebook) {
          Jupyter.notebook.set_dirty(true);
        }
      });
    });
    return toinsert;
  }

  /** JSON with sorted keys: a saved notebook has its keys sorted, the explorer's state has not. */
  function canonical(value) {
    return JSON.stringify(value, function (key, v) {
      if (v && typeof v === "object" && !Array.isArray(v)) {
        var sorted = {};
        Object.keys(v).sort().forEach(function (k) { sorted[k] = v[k]; });
        return sorted;
      }
      return v;
    });
  }

  function whenAttached(el, fn) {
    if (document.body.contains(el)) {
      fn();
    } else {
      window.requestAnimationFrame(function () { whenAttached(el, fn); });
    }
  }

  /** Outputs shown before this extension loaded (as HTML): shown again, now as the explorer. */
  function rerender() {
    if (!Jupyter.notebook) {
      return;
    }
    var dirty = Jupyter.notebook.dirty;
    Jupyter.notebook.get_cells().forEach(function (cell) {
      var area = cell.output_area;
      if (!area || !area.outputs) {
        return;
      }
      var has = area.outputs.some(function (o) { return o.data && o.data[MIME] !== undefined; });
      if (has && area.element.find(".tdr-explorer").length === 0) {
        var outputs = area.toJSON();
        area.clear_output(false, true);
        area.fromJSON(outputs);
      }
    });
    if (!dirty) {
      Jupyter.notebook.set_dirty(false); // showing outputs again changes nothing to save
    }
  }

  function load_ipython_extension() {
    // The notebook caps output images and SVGs at the width of their parent (max-width: 100%,
    // height: auto); the explorer's chart layers are absolutely placed in parents of no width,
    // so the cap would hide them.
    $("<style/>").attr("id", "tdr-explorer-style")
        .text(".output_area .tdr-explorer svg, .output_area .tdr-explorer img { max-width: none; height: revert; }")
        .appendTo("head");
    if (OutputArea.append_map[MIME] === undefined) {
      // safe: the output is JSON data, shown by the explorer, never executed
      OutputArea.prototype.register_mime_type(MIME, append, { safe: true, index: 0 });
    }
    rerender();
    events.on("notebook_loaded.Notebook", rerender);
  }

  return { load_ipython_extension: load_ipython_extension };
});
