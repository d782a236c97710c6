// The nteract data explorer for one application/vnd.dataresource+json output. Built into one
// script (dist/tdr-explorer.js) that defines the global TdrExplorer; used by the notebook
// extension and by the page `tdr explore` serves.
import React from "react";
import ReactDOM from "react-dom";
import { DataExplorer } from "@nteract/data-explorer";

export const MIME = "application/vnd.dataresource+json";

/**
 * Renders the explorer for `data` (a Table Schema resource: {schema, data}) into `element`.
 * `metadata` is the output's metadata for the MIME type ({rows, shown, sampled, dx}); the
 * explorer's state is its `dx`. `onMetadataChange(metadata)` receives the metadata with the new
 * `dx` whenever the view, metrics or dimensions change. Returns a function that unmounts it.
 */
export function render(element, data, metadata, onMetadataChange) {
  const meta = Object.assign({}, metadata || {});
  meta.dx = meta.dx || {};
  ReactDOM.render(
    React.createElement(DataExplorer, {
      data: data,
      metadata: meta,
      initialView: (meta.dx && meta.dx.view) || "grid",
      onMetadataChange: (changed) => onMetadataChange && onMetadataChange(changed),
    }),
    element,
  );
  return () => ReactDOM.unmountComponentAtNode(element);
}
