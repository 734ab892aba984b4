"""Prompt templates stored as YAML files under `prompts/`.

Each file holds a name, a version, the variables it takes, and Jinja
templates for the system and user messages. Loading checks that the
templates use exactly the declared variables, so a typo is an error when
the prompt is loaded, not a silent gap in what the model sees. The version
is recorded with every output the prompt produced.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from assistant.core.errors import ConfigurationError, InputError

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"


def _environment():
    import jinja2

    return jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)


class Prompt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    version: str = Field(min_length=1)
    description: str = ""
    variables: tuple[str, ...] = ()
    system: str = Field(min_length=1)
    user: str = Field(min_length=1)

    @model_validator(mode="after")
    def _variables_match_templates(self) -> "Prompt":
        from jinja2 import meta

        env = _environment()
        used: set[str] = set()
        for template in (self.system, self.user):
            used |= meta.find_undeclared_variables(env.parse(template))
        declared = set(self.variables)
        if used - declared:
            raise ValueError(f"templates use undeclared variables: {sorted(used - declared)}")
        if declared - used:
            raise ValueError(f"declared variables never used: {sorted(declared - used)}")
        return self

    @property
    def id(self) -> str:
        return f"{self.name}@{self.version}"

    def render(self, values: dict[str, Any]) -> list[tuple[str, str]]:
        """The chat messages as (role, content) pairs; every declared variable must be given."""
        missing = [name for name in self.variables if name not in values]
        if missing:
            raise ConfigurationError(f"prompt {self.id} needs variables {missing}")
        env = _environment()
        return [
            ("system", env.from_string(self.system).render(**values).strip()),
            ("user", env.from_string(self.user).render(**values).strip()),
        ]


def load_prompt_file(path: Path) -> Prompt:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise InputError(f"{path}: cannot read prompt file: {error}") from error
    if not isinstance(data, dict):
        raise InputError(f"{path}: a prompt file must be a YAML mapping")
    try:
        return Prompt.model_validate(data)
    except ValidationError as error:
        raise ConfigurationError(f"{path}: invalid prompt: {_first_error(error)}") from error


@lru_cache(maxsize=64)
def load_prompt(name: str, directory: Path = PROMPTS_DIR) -> Prompt:
    path = directory / f"{name}.yaml"
    if not path.exists():
        raise ConfigurationError(f"prompt {name!r} not found at {path}")
    prompt = load_prompt_file(path)
    if prompt.name != name:
        raise ConfigurationError(f"{path}: prompt name {prompt.name!r} does not match its file name")
    return prompt


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    location = ".".join(str(part) for part in first["loc"]) or "(file)"
    return f"{location}: {first['msg']}"
