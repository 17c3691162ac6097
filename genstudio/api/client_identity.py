"""How GenStudio names itself to servers: one ``User-Agent`` for the API client and the
downloads (which must not load httpx with it)."""

from genstudio import __version__

USER_AGENT = f"GenStudio/{__version__}"
