"""Dialogs opened from the workflow pages."""
