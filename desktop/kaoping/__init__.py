"""Kaoping (考评): the evaluation body's assessment and certificate desktop client."""

__version__ = "0.1.0"
