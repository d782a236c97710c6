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
    var box = $("<div/>").addClass("tdr-explorer").css({ height: "520px", width: "100%" });
    toinsert.append(box);
    element.append(toinsert);
    var value = typeof data === "string" ? JSON.parse(data) : data;
    // md is the output's own metadata object (the one saved with the notebook)
    window.TdrExplorer.render(box[0], value, md[MIME], function (changed) {
      md[MIME] = changed;
      if (Jupyter.notebook) {
        Jupyter.notebook.set_dirty(true);
      }
    });
    return toinsert;
  }

  /** Outputs shown before this extension loaded (as HTML): shown again, now as the explorer. */
  function rerender() {
    if (!Jupyter.notebook) {
      return;
    }
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
  }

  function load_ipython_extension() {
    if (OutputArea.append_map[MIME] === undefined) {
      // safe: the output is JSON data, shown by the explorer, never executed
      OutputArea.prototype.register_mime_type(MIME, append, { safe: true, index: 0 });
    }
    rerender();
    events.on("notebook_loaded.Notebook", rerender);
  }

  return { load_ipython_extension: load_ipython_extension };
});
