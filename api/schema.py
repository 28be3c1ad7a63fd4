"""The schema's answers besides 200: what every operation may say instead, so that a client (and schemathesis)
knows every status it can meet."""

DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
FIELD_ERRORS = {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}


def error_responses(result, generator, request, public):
    for methods in result["paths"].values():
        for operation in methods.values():
            responses = operation["responses"]
            responses.setdefault("404", _json("No such council, item or page.", DETAIL))
            responses.setdefault("429", _json("Too many requests from this client; retry after a while.", DETAIL))
            if any(parameter["in"] == "query" for parameter in operation.get("parameters", [])):
                responses.setdefault("400", _json("A filter's value is not valid.", FIELD_ERRORS))
    return result


def _json(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}
