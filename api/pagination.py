"""The API's pages: numbered, with the count, the neighbours' addresses and the licence."""

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from api.licence import licence

LICENCE_SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "example": "OGL-UK-3.0"},
        "title": {"type": "string"},
        "path": {"type": "string", "format": "uri"},
    },
    "required": ["name", "title", "path"],
}


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "licence": licence(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["licence"] = LICENCE_SCHEMA
        paginated["required"] = ["count", "next", "previous", "licence", "results"]
        return paginated
