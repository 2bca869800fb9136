from django.contrib import admin

from .models import ApprovalDecision, ApprovalRequest, AuditChainHead, AuditEvent


class SuperuserEditsAdmin(admin.ModelAdmin):
    """Everyone with admin access reads; only a superuser adds, changes or deletes."""

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that no one edits by hand (the audit trail, decisions): they change only through services."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("sequence", "occurred_at", "actor", "action", "object_type", "object_id")
    list_filter = ("action",)
    search_fields = ("action", "object_type", "object_id", "request_id")


admin.site.register(AuditChainHead, ReadOnlyAdmin)
admin.site.register(ApprovalRequest, ReadOnlyAdmin)
admin.site.register(ApprovalDecision, ReadOnlyAdmin)
