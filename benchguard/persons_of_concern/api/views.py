"""Read-only matcher endpoint for the gate's hardware and the judicial police (A15):
`/api/persons-of-concern/match/?name=..&document_kind=..&document_number=..&phone=..`.
Only the judicial police and the committee office may call it (permissions.MATCH_API_ROLES);
the answer holds person ids, scores, reasons and the controlled flag, nothing decrypted."""

from __future__ import annotations

from dataclasses import asdict

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from benchguard.persons_of_concern import matching, permissions
from benchguard.persons_of_concern.api.serializers import MatchQuerySerializer, MatchSerializer


class MatchViewSet(viewsets.ViewSet):
    @extend_schema(parameters=[MatchQuerySerializer], responses=MatchSerializer(many=True))
    def list(self, request: Request) -> Response:
        if not permissions.can_use_match_api(request.user):
            raise PermissionDenied
        query = MatchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        found = matching.match(
            name=data.get("name", ""),
            document_kind=data.get("document_kind") or None,
            document_number=data.get("document_number", ""),
            phone=data.get("phone", ""),
        )
        return Response(MatchSerializer([asdict(m) for m in found], many=True).data)
