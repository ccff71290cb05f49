"""Static files storage: hashed names and gzip, without brotli's minute-long compression."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Brotli at its highest level takes over a minute for the admin and API docs' files on
    two cores, on every fresh `serve`; gzip alone is a few seconds and every browser reads it."""

    def create_compressor(self, **kwargs):
        kwargs.setdefault("use_brotli", False)
        return super().create_compressor(**kwargs)
