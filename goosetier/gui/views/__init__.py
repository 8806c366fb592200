"""The window's panes: tier browser, enterprise table with its search box, detail panel."""
