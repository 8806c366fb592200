"""Reports as data (counts, targets, completion, gaps); rendering is the GUI's or exporter's job."""
