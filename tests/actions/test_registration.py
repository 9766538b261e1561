"""The action server registers exactly the project's actions (a helper base must not crash it)."""

from rasa_sdk.executor import ActionExecutor


def test_action_package_registers_the_actions():
    executor = ActionExecutor()
    executor.register_package("actions")
    assert set(executor.actions) == {"validate_symptom_form", "action_assess_symptoms", "action_reply",
                                     "action_forget_me"}
