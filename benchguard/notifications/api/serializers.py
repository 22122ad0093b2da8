from rest_framework import serializers

from benchguard.notifications.models import Notification


class NotificationSerializer(serializers.ModelSerializer[Notification]):
    """The recipient's own notification; `dedupe_key` and the e-mail state stay internal."""

    is_unread = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "url", "court", "created_at", "read_at", "is_unread"]
        read_only_fields = fields
