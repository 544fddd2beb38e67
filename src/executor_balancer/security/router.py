"""HTTP for API keys (admin only): create (shown once), list, revoke."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from executor_balancer.deps import SessionDep, TransactionalRoute
from executor_balancer.security import keys
from executor_balancer.security.schemas import KeyCreate, KeyCreated, KeyOut

router = APIRouter(prefix="/api/keys", tags=["keys"], route_class=TransactionalRoute)


@router.get("", response_model=list[KeyOut], summary="List API keys (never their values)")
def list_keys(session: SessionDep) -> list[KeyOut]:
    return [KeyOut.model_validate(k) for k in keys.list_keys(session)]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=KeyCreated,
             responses={404: {"description": "Unknown executor"},
                        422: {"description": "Executor keys need executor_id"}},
             summary="Create an API key; the answer is the only time the key is shown")
def create_key(data: KeyCreate, session: SessionDep) -> KeyCreated:
    key, token = keys.create(session, name=data.name, role=data.role, executor_id=data.executor_id)
    return KeyCreated(**KeyOut.model_validate(key).model_dump(), key=token)


@router.delete("/{key_id}", status_code=status.HTTP_204_NO_CONTENT,
               responses={404: {"description": "No key with this id"}}, summary="Revoke a key")
def revoke_key(key_id: uuid.UUID, session: SessionDep) -> Response:
    keys.revoke(session, key_id)  # every instance forgets cached keys once this commits
    return Response(status_code=status.HTTP_204_NO_CONTENT)
