"""server/ relies on Streamlit 1.67's internals; this says which, so that an upgrade fails here, by name, and
not as a silently open gate. Before moving the pin in requirements.txt, read each of these in the new version."""

from __future__ import annotations

import inspect

import streamlit
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime import Runtime
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.websocket_session_manager import WebsocketSessionManager
from streamlit.web.server.starlette import starlette_app, starlette_server, starlette_websocket
from streamlit.web.server.starlette.starlette_app_utils import create_signed_value, decode_signed_value
from streamlit.web.server.starlette.starlette_server_config import USER_COOKIE_NAME


def test_the_streamlit_version_the_patches_were_written_for() -> None:
    assert streamlit.__version__ == "1.67.0"


def test_the_middleware_and_uvicorn_hooks_exist() -> None:
    """server.serve replaces these two module functions (our gate first; proxy_headers off)."""
    assert callable(starlette_app.create_streamlit_middleware)
    kwargs = starlette_server._get_uvicorn_config_kwargs()
    assert "proxy_headers" not in kwargs  # uvicorn's default (True, trusting 127.0.0.1) is what we turn off
    assert "_get_uvicorn_config_kwargs()" in inspect.getsource(starlette_server)


def test_the_identity_cookie_is_read_as_the_gate_writes_it() -> None:
    """The gate signs `_streamlit_user` with Streamlit's function; the websocket handler reads it back, checks
    the origin, and passes the payload on as st.user."""
    assert USER_COOKIE_NAME == "_streamlit_user"
    signed = create_signed_value("s" * 32, USER_COOKIE_NAME, '{"origin": "http://x", "is_logged_in": true}')
    assert decode_signed_value("s" * 32, USER_COOKIE_NAME, signed) is not None
    source = inspect.getsource(starlette_websocket)
    assert "_parse_decoded_user_cookie" in source and "existing_session_id" in source
    assert ForwardMsg().auth_redirect is not None  # how the page sends the browser for its cookie


def test_the_sessions_and_files_the_gate_counts() -> None:
    """server.uploads reads the uploaded files by session, and asks the session manager which sessions live."""
    assert "file_storage" in inspect.getsource(MemoryUploadedFileManager.__init__)
    assert callable(MemoryUploadedFileManager.remove_session_files)
    assert callable(WebsocketSessionManager.get_session_info)
    assert callable(Runtime.clear_user_info_for_session)  # makes the pre-sign-in session non-resumable
    assert "_session_mgr" in inspect.getsource(Runtime.__init__)
