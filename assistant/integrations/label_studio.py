"""Label Studio interoperability: labeling configs from rulebooks and pre-annotation tasks.

The control and object names are fixed so that a config exported from a rulebook and the
predictions exported by pre-labeling always refer to each other.

* classification: ``<Choices name="label" toName="text">`` over ``$text``;
* a rating scale (an ordinal rulebook): ``<Rating name="label">`` when the labels are the numbers
  1..N, else the choices in scale order with hotkeys 1..N;
* a preference task (``response_preference``): the prompt and the two answers as separate fields
  (``$prompt``, ``$answer_a``, ``$answer_b``) side by side, the choice about both;
* predictions carry a ``model_version`` naming the model and the rulebook version
  (``gpt-4o-mini@rulebook-v3``), so two models' predictions can be told apart.
"""

from __future__ import annotations

FROM_NAME = "label"  # the <Choices>/<Labels>/<Rating> control
TO_NAME = "text"  # the <Text> object
TEXT_KEY = "text"  # task data key holding the item text ($text)
PAIRWISE_KEYS = ("prompt", "answer_a", "answer_b")  # task data keys of a preference task


def is_pairwise(rulebook) -> bool:
    """Whether the rulebook's config is the pairwise layout (a single-choice preference task)."""
    kind = getattr(rulebook.task_type, "value", rulebook.task_type)
    return kind == "response_preference" and not rulebook.multi_label


def choice_target(rulebook) -> str:
    """The ``to_name`` of a choice result: the first answer of a pairwise layout, else the text."""
    return PAIRWISE_KEYS[1] if is_pairwise(rulebook) else TO_NAME


def model_version(model: str | None, rulebook_version: int | str | None) -> str:
    """``<model>@rulebook-v<version>``: which model, following which rules."""
    name = (model or "offline").strip() or "offline"
    return f"{name}@rulebook-v{rulebook_version}" if rulebook_version not in (None, "") else name


def numeric_scale(labels: list[str]) -> int | None:
    """N when the labels are exactly the numbers 1..N (in any order), else None."""
    try:
        numbers = sorted(int(label) for label in labels)
    except ValueError:
        return None
    return len(numbers) if numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 2 else None
