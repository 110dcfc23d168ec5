"""Validates roster's SCIM export with scim2-models, independently of roster.

Usage: validate_export.py DIR. Reads DIR/scim/Users.json and DIR/scim/Groups.json; checks each
as an RFC 7644 ListResponse (a query response, so every resource needs its id), each resource
alone, and that nothing roster wrote is dropped or changed by the model (no unknown field).
Prints one line per problem and exits 1 when there is one; prints "ok N users, M groups" else.
"""
import json
import sys

from scim2_models import Context, EnterpriseUser, Group, ListResponse, User

problems = []


def strip_empty(value):
    """The model leaves out empty lists; compare without them."""
    if isinstance(value, dict):
        return {k: strip_empty(v) for k, v in value.items() if v != []}
    if isinstance(value, list):
        return [strip_empty(v) for v in value]
    return value


def check(path, model):
    with open(path, encoding="utf-8") as f:
        document = json.load(f)
    try:
        parsed = ListResponse[model].model_validate(document, scim_ctx=Context.RESOURCE_QUERY_RESPONSE)
    except Exception as error:  # the model's own message says which field
        problems.append(f"{path}: ListResponse: {error}")
        return 0
    if parsed.total_results != len(document["Resources"]):
        problems.append(f"{path}: totalResults {parsed.total_results} != {len(document['Resources'])}")
    for resource in document["Resources"]:
        try:
            one = model.model_validate(resource, scim_ctx=Context.RESOURCE_QUERY_RESPONSE)
        except Exception as error:
            problems.append(f"{path}: {resource.get('externalId')}: {error}")
            continue
        dumped = one.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE)
        if strip_empty(dumped) != strip_empty(resource):
            problems.append(f"{path}: {resource.get('externalId')}: the model reads it as {json.dumps(dumped)}")
    return len(document["Resources"])


folder = sys.argv[1]
users = check(f"{folder}/scim/Users.json", User[EnterpriseUser])
groups = check(f"{folder}/scim/Groups.json", Group)
for line in problems:
    print(line)
if problems:
    sys.exit(1)
print(f"ok {users} users, {groups} groups")
