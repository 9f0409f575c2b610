"""Admin commands of `unionkg`: backup and restore of the embedded store."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import click

from .cli import default_store_dir, err, main, reports_errors
from .errors import StoreError

STORE_OPTION = click.option("--store", "store_dir", metavar="DIR", default=None,
                            help="Embedded Oxigraph store folder [default: $UNIONKG_STORE or ./data/store].")


def _is_store(folder: Path) -> bool:
    """Whether `folder` holds an Oxigraph (RocksDB) store."""
    return (folder / "CURRENT").is_file()


def _copy_store(source: Path, target: Path, lock: bool = True) -> int:
    """Copy the store in `source` to the new folder `target` as a consistent snapshot; its quad count.

    With `lock`, the source is opened for writing, so no ingest can be half-way through; a
    backup being restored is only read."""
    import pyoxigraph as ox
    from .guard import open_read_only
    from .store import EmbeddedStore
    store = EmbeddedStore(str(source)) if lock else None
    try:
        (store._db if store else open_read_only(str(source))).backup(str(target))
    except OSError as error:
        raise StoreError(f"cannot copy store {source} to {target}: {error}") from None
    finally:
        if store:
            store.close()
    return len(ox.Store.read_only(str(target)))


@main.command()
@click.argument("destination", type=click.Path(path_type=Path))
@STORE_OPTION
@reports_errors
def backup(destination: Path, store_dir: str | None) -> None:
    """Copy the embedded store to DESTINATION, a new folder (hard links where it can).

    The copy is a consistent snapshot; it fails while an ingest holds the store.
    """
    source = Path(store_dir or default_store_dir())
    if not _is_store(source):
        raise StoreError(f"{source} is not a store (no CURRENT file)")
    if destination.exists():
        raise StoreError(f"{destination} already exists; give a new folder")
    quads = _copy_store(source, destination)
    err.print(f"backed up {source} to {destination}: {quads} quads", highlight=False)


@main.command()
@click.argument("backup_dir", type=click.Path(path_type=Path, exists=True, file_okay=False))
@STORE_OPTION
@click.option("--force", is_flag=True, help="Replace an existing store.")
@reports_errors
def restore(backup_dir: Path, store_dir: str | None, force: bool) -> None:
    """Make the store a copy of BACKUP_DIR (a folder written by `unionkg backup`).

    An existing store is replaced only with --force, and only when no other process holds it.
    """
    target = Path(store_dir or default_store_dir())
    if not _is_store(backup_dir):
        raise StoreError(f"{backup_dir} is not a store backup (no CURRENT file)")
    if target.exists() and any(target.iterdir()):
        if not force:
            raise StoreError(f"{target} already holds a store; add --force to replace it")
        from .store import EmbeddedStore
        EmbeddedStore(str(target)).close()  # fails, clearly, while another process writes to it
    staging = target.with_name(f".{target.name}.restoring-{os.getpid()}")
    quads = _copy_store(backup_dir, staging, lock=False)
    _swap_in(staging, target)
    err.print(f"restored {target} from {backup_dir}: {quads} quads", highlight=False)


def _swap_in(staging: Path, target: Path) -> None:
    """Put the complete copy `staging` in place of `target` by renames, then drop the old store."""
    old = target.with_name(f".{target.name}.old-{int(time.time())}")
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
    for index in target.parent.glob(f"{target.name}.search.sqlite*"):
        index.unlink()  # it described the old store; search uses SPARQL until the next ingest rebuilds it
