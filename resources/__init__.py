"""Shipped data: program catalog, plan targets, sample roster, translations, icons."""
