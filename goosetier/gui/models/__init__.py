"""Qt item models: thin adapters over SQL (ids plus a lazy row cache), checked by qtmodeltester."""
