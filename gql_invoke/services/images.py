"""Images and their files. (Grows with the boards issue.)"""

from __future__ import annotations

import anyio

from gql_invoke import runtime
from gql_invoke.db.models import Image
from gql_invoke.generation import image_files


async def delete_files_of_owner(user_id: str) -> int:
    rows = await Image.filter(owner_id=user_id).values_list("filename", "thumbnail")
    names = [name for row in rows for name in row]
    outputs = runtime.current().settings.outputs_dir
    return await anyio.to_thread.run_sync(image_files.delete_files, outputs, names)
