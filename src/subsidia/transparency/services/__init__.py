"""Every state change of the transparency app: restrictions (four eyes), publications, removal of names."""

from . import publication, restrictions

__all__ = ["publication", "restrictions"]
