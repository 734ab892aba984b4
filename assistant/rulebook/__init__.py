"""Step 2: draft, check, revise and export the rulebook."""
