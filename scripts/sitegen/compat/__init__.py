"""Workarounds for upstream limitations, one module each, to delete when upstream is fixed."""
