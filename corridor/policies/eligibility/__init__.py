"""Policy eligibility as data, without Django: rules, one evaluator per organisation, one over columns.

    item = parse_item({...})                  # rules.py: conditions as data; RuleError names a bad condition
    org = load_org({...})                     # profile.py: an organisation's registry fields
    evaluate(item, org, on=date.today())      # evaluate.py: Answer(status, because, missing, timing, window)
    evaluate_table(items, Table(orgs), on)    # columns.py: the same answers for many organisations at once
    Compiler(on).rule(item.rule)              # sql.py: the same rule as one SQL expression (NULL = unknown)

`corridor policies eligibility` (cli.py) runs it on files; `synthetic` makes test and benchmark data.
"""

from corridor.policies.eligibility.columns import ItemAnswers, Table, evaluate_table
from corridor.policies.eligibility.evaluate import Answer, evaluate, policies_for, timing, window
from corridor.policies.eligibility.fields import CERTIFICATE_KINDS, FIELDS, OPERATORS, PROFILE_FIELDS, Field
from corridor.policies.eligibility.profile import ProfileError, load_org, load_orgs
from corridor.policies.eligibility.rules import Condition, Group, Item, RuleError, parse_item, parse_rule

__all__ = [
    "CERTIFICATE_KINDS", "FIELDS", "OPERATORS", "PROFILE_FIELDS", "Answer", "Condition", "Field", "Group", "Item", "ItemAnswers",
    "ProfileError", "RuleError", "Table", "evaluate", "evaluate_table", "load_org", "load_orgs", "parse_item", "parse_rule",
    "policies_for", "timing", "window",
]
