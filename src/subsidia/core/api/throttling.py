from rest_framework.throttling import AnonRateThrottle


class PublicRateThrottle(AnonRateThrottle):
    """Anonymous readers of the public API; a flood gets a polite 429 with Retry-After."""

    scope = "public"
