"""The receiver's documented OpenSSL steps for a signed package, run with the stock command."""

from __future__ import annotations

import subprocess
from pathlib import Path


def verify_manifest(openssl: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """Take the public key out of `signer.pem`, then check `manifest.sig` over `manifest.json`.

    The package must be unpacked in `folder`; OpenSSL says "Verified OK" when the signature holds.
    """
    subprocess.run(
        [openssl, "x509", "-in", "signer.pem", "-pubkey", "-noout", "-out", "pubkey.pem"],
        cwd=folder,
        check=True,
        capture_output=True,
    )
    verify = [openssl, "dgst", "-sha256", "-verify", "pubkey.pem"]
    verify += ["-signature", "manifest.sig", "manifest.json"]
    return subprocess.run(verify, cwd=folder, capture_output=True, text=True, check=False)
