"""API permissions. Object-level rules come from each app's ``rules.py`` (one place per model)."""

from rest_framework import permissions

from ..roles import PROGRAMME_OFFICER, STAFF_ROLES, has_role


class IsAuthenticatedReadOnly(permissions.BasePermission):
    """The default: logged-in users read; changes go through explicit, permission-checked endpoints."""

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.method in permissions.SAFE_METHODS)


class PublicReadOnly(permissions.BasePermission):
    """Anyone reads (the public budget, reference data, open data); nobody writes through this endpoint."""

    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS


class StaffReadOfficerWrite(permissions.BasePermission):
    """Officers, authorising officers and auditors read; programme officers write (services check the rest)."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method in permissions.SAFE_METHODS:
            return has_role(user, *STAFF_ROLES)
        return has_role(user, PROGRAMME_OFFICER)


class PublicReadOfficerWrite(permissions.BasePermission):
    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated and has_role(request.user, PROGRAMME_OFFICER))
