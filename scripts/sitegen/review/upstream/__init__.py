"""Workarounds of upstream limits in the review stage's libraries, one module each (see publish/UPGRADING.md)."""
