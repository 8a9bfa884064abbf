"""The static files storage: WhiteNoise's hashed and compressed files, with a quicker brotli.

``pactmonitor serve`` collects the static files at every start. Brotli at its default quality
(11) took seconds of CPU for the vendored API viewer alone (1.7 MB of JavaScript); quality 5
is many times faster and the files are a few per cent larger.
"""

from __future__ import annotations

from typing import Any

from whitenoise.compress import Compressor  # type: ignore[import-untyped]
from whitenoise.storage import CompressedManifestStaticFilesStorage  # type: ignore[import-untyped]

BROTLI_QUALITY = 5


class QuickCompressor(Compressor):
    @staticmethod
    def compress_brotli(data: bytes) -> bytes:
        import brotli  # type: ignore[import-untyped]

        return brotli.compress(data, quality=BROTLI_QUALITY)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def create_compressor(self, **kwargs: Any) -> Compressor:
        return QuickCompressor(**kwargs)
