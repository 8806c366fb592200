"""The dashboard's charts (pyqtgraph) and the data they draw."""
