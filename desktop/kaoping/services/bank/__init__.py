"""The question bank (题库): keys, items, import and backup export.

Who may do what (DESIGN.md rule 4):

* 命题专家 (item writer) writes items as drafts and reads the content of their own drafts only.
* 题库管理员 (bank admin) reviews, approves, edits and retires any item, grants and revokes the bank
  key, and exports encrypted backups.
* Everyone else sees counts and catalogue data, never content.

Item content is encrypted under the bank key (题库密钥). Each holder keeps a copy wrapped under a
key derived from their own password, or, right after a grant, encrypted to their X25519 public key
(the granting admin does not know the grantee's password); the private half of that key pair is
wrapped under the grantee's password. Revoking a holder rotates the bank key: every item version is
re-encrypted and every remaining holder gets a fresh copy, so the revoked person's old copy opens
nothing current. A session works with a `BankUnlock` (the unwrapped key) kept in memory only.

Every read of content, every export and every refusal is audited with the purpose the user gave.

The package re-exports its public names; the work is done in:

* `keys`: key pairs and the password and sign-in hooks;
* `access`: the bank key: initialise, unlock, grant, revoke (with rotation), holders;
* `weights`: the weight tables that decide where an item may be filed;
* `items`: writing, review, reading content, and lists;
* `importing`: item import from the Excel template or JSON;
* `backup`: encrypted backup export and restore.
"""

from kaoping.services.bank._common import KEY_ROLES, BankUnlock, Progress, check_unlock
from kaoping.services.bank.access import (
    HolderInfo,
    bank_initialised,
    grant_access,
    initialise_bank,
    list_holders,
    revoke_access,
    unlock_bank,
)
from kaoping.services.bank.backup import (
    BACKUP_FORMAT,
    MIN_PASSPHRASE,
    export_backup,
    restore_backup,
)
from kaoping.services.bank.importing import (
    ImportReport,
    import_items,
    import_rows,
    write_import_template,
)
from kaoping.services.bank.items import (
    approve_item,
    author_names,
    bank_stats,
    create_item,
    list_items,
    occupation_names,
    retire_item,
    session_time,
    update_item,
    view_item,
)
from kaoping.services.bank.keys import has_key_pair, on_password_change, on_sign_in, register_keys
from kaoping.services.bank.weights import areas_for, knowledge_areas, weight_tables

__all__ = [
    "BACKUP_FORMAT",
    "KEY_ROLES",
    "MIN_PASSPHRASE",
    "BankUnlock",
    "HolderInfo",
    "ImportReport",
    "Progress",
    "approve_item",
    "areas_for",
    "author_names",
    "bank_initialised",
    "bank_stats",
    "check_unlock",
    "create_item",
    "export_backup",
    "grant_access",
    "has_key_pair",
    "import_items",
    "import_rows",
    "initialise_bank",
    "knowledge_areas",
    "list_holders",
    "list_items",
    "occupation_names",
    "on_password_change",
    "on_sign_in",
    "register_keys",
    "restore_backup",
    "retire_item",
    "revoke_access",
    "session_time",
    "unlock_bank",
    "update_item",
    "view_item",
    "weight_tables",
    "write_import_template",
]
