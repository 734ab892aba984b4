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
from assistant.core.messages import Message

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"


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
            raise ConfigurationError(Message("error.prompts.missing_variables", prompt=self.id, variables=str(missing)))
        env = _environment()
        return [
            ("system", env.from_string(self.system).render(**values).strip()),
            ("user", env.from_string(self.user).render(**values).strip()),
        ]


def load_prompt_file(path: Path) -> Prompt:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise InputError(Message("error.prompts.unreadable", path=str(path), reason=str(error))) from error
    if not isinstance(data, dict):
        raise InputError(Message("error.prompts.not_a_mapping", path=str(path)))
    try:
        return Prompt.model_validate(data)
    except ValidationError as error:
        raise ConfigurationError(Message("error.prompts.invalid", path=str(path), reason=_first_error(error))) from error


@lru_cache(maxsize=64)
def load_prompt(name: str, directory: Path = PROMPTS_DIR) -> Prompt:
    path = directory / f"{name}.yaml"
    if not path.exists():
        raise ConfigurationError(Message("error.prompts.not_found", name=name, path=str(path)))
    prompt = load_prompt_file(path)
    if prompt.name != name:
        raise ConfigurationError(Message("error.prompts.name_mismatch", path=str(path), name=prompt.name))
    return prompt


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    location = ".".join(str(part) for part in first["loc"]) or "(file)"
    return f"{location}: {first['msg']}"
