"""Decode fetched HTML (and XML) bytes: the one decoder every input goes through.

It lives in `generator.extract.decode`, where local files are decoded too; fetching and its
tests name it here.
"""

from __future__ import annotations

from generator.extract.decode import codec_for, decode_html

__all__ = ["codec_for", "decode_html"]
