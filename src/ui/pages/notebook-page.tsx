// The notebook page: the notebooks list, the open notebook, and the Files panel. Routes:
//   #/notebook                       the last notebook opened (a first visit gets the walkthrough)
//   #/notebook/<id>                  a notebook
//   #/notebook/<id>/cell/<cellId>    a notebook, scrolled to one cell (links from a run's page)
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { duplicateNotebook, fromIpynb, newNotebook, type NotebookDoc } from '../../notebook/document';
import type { NotebookSummary } from '../../notebook/notebooks-store';
import { FIRST_SAMPLE, SAMPLES, type Sample } from '../../notebook/samples';
import { locale } from '../i18n/locale';
import type { NotebookController } from '../notebook/controller';
import { FilesPanel } from '../notebook/files-panel';
import { NotebookHeader } from '../notebook/notebook-header';
import { NotebookList } from '../notebook/notebook-list';
import { NotebookView, useController } from '../notebook/notebook-view';
import { closeSession, notebooksStore, openSession } from '../notebook/sessions';
import { href, navigate } from '../router';
import { openPublished } from '../publish/published';
import { ErrorBoundary } from '../components/error-boundary';
import { t } from '../i18n/t';
import { rememberNotebooksSeen, takePrerendered } from '../prerendered';
import { carryOver } from '../notebook/prerendered-handover';

const LAST_OPENED = 'lastOpened';
/** A notebook whose view failed to render: the Notebook tab does not open it by itself again. */
const FAILED = 'failedToRender';

export default function NotebookPage({ segments }: { segments: string[] }) {
  const cellId = segments[1] === 'cell' ? segments[2] : undefined;
  const [list, setList] = useState<NotebookSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [controller, setController] = useState<NotebookController | null | undefined>(undefined);
  const [deleted, setDeleted] = useState<{ id: string; name: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // The first listing's transaction also read the notebooks and the meta the first view needs: the first
  // notebook opened (and the fallback's choice before it) use them instead of reading again; once a
  // notebook has opened they are spent (what is stored may have changed since).
  const firstRead = useRef<{ docs: Map<string, NotebookDoc>; meta: Map<string, unknown> } | 'spent' | null>(null);
  const refresh = useCallback(async () => {
    const store = await notebooksStore();
    // A first visit gets the walkthrough in the UI's language; an emptied list gets a blank notebook.
    const { list, docs, meta } = await store.opening(
      () => [FIRST_SAMPLE[locale()].create()],
      () => newNotebook(),
      [LAST_OPENED, FAILED],
    );
    rememberNotebooksSeen(); // the next visit's first view is not the walkthrough's prerendered one
    firstRead.current ??= { docs, meta };
    setList(list);
  }, []);

  useEffect(() => {
    // A published site (ui/publish) opens its notebook, stored here on the first visit.
    void (async () => {
      const store = await notebooksStore();
      const published = await openPublished(store, async () => (await import('../../notebook/files')).files).catch(
        (err: unknown) => {
          setNotice(err instanceof Error ? err.message : String(err));
          return undefined;
        },
      );
      if (published) await store.setMeta(LAST_OPENED, published);
      await refresh();
    })().catch((err: unknown) => setError(t('nb.dbFailed', { error: String(err) })));
  }, [refresh]);

  // No id (the Notebook tab): show the last notebook opened, or the newest, without changing the URL.
  // The choice holds for one stay on the tab: while a notebook's own URL is open it is forgotten, and a
  // choice still being read when the URL or the list changes is dropped, so coming back chooses again
  // (the notebook opened since) instead of reopening the one shown before.
  const [fallbackId, setFallbackId] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (segments[0]) {
      setFallbackId(undefined);
      return;
    }
    if (!list?.length) return;
    let live = true;
    const first = firstRead.current;
    const read = first && first !== 'spent' ? first.meta : undefined;
    void notebooksStore().then(async (store) => {
      const [last, failed] = read
        ? [read.get(LAST_OPENED) as string | undefined, read.get(FAILED) as string | undefined]
        : [await store.getMeta<string>(LAST_OPENED), await store.getMeta<string>(FAILED)];
      const openable = list.filter((n) => n.id !== failed);
      if (live) setFallbackId((openable.find((n) => n.id === last) ?? openable[0] ?? list[0]!).id);
    });
    return () => {
      live = false;
    };
  }, [segments[0], list]);
  const id = segments[0] ?? fallbackId;

  useEffect(() => {
    if (!id) return;
    let live = true;
    setController(undefined);
    const first = firstRead.current;
    const stored = first && first !== 'spent' ? first.docs.get(id) : undefined;
    firstRead.current = 'spent';
    openSession(id, stored).then((c) => {
      if (!live) return;
      setController(c ?? null);
      if (c) void notebooksStore().then((s) => s.setMeta(LAST_OPENED, id));
    });
    return () => {
      live = false;
    };
  }, [id]);

  const add = async (doc: NotebookDoc) => {
    const store = await notebooksStore();
    await store.put(doc);
    await refresh();
    navigate(href('notebook', doc.id));
  };

  // A sample already opened (and still under its own name) opens again, with the user's changes and
  // outputs; a second copy under the same name would only confuse. Otherwise a fresh copy.
  const openSample = async (s: Sample) => {
    const opened = list?.find((n) => n.sample === s.id && n.name === s.title);
    if (opened) navigate(href('notebook', opened.id));
    else await add(s.create());
  };

  const onImport = async (files: File[]) => {
    for (const file of files) {
      try {
        // An imported notebook runs nothing: it opens with the outputs it was saved with, less the
        // parts no renderer could draw (named in the notice).
        const problems: string[] = [];
        await add(fromIpynb(JSON.parse(await file.text()), file.name.replace(/\.ipynb$/i, ''), Date.now(), problems));
        setNotice(
          problems.length
            ? t('nb.importedPartly', { name: file.name, problems: problems.join('; ') })
            : t('nb.imported', { name: file.name }),
        );
      } catch (err) {
        setNotice(t('nb.importFailed', { name: file.name, error: err instanceof Error ? err.message : String(err) }));
      }
    }
  };

  const onDelete = async (c: NotebookController) => {
    const { doc } = c.snapshot;
    await closeSession(doc.id); // saves first: a later save must not revive the deleted notebook
    const store = await notebooksStore();
    await store.delete(doc.id);
    setDeleted({ id: doc.id, name: doc.name });
    await refresh();
    navigate(href('notebook'));
  };

  const onUndoDelete = async () => {
    if (!deleted) return;
    const store = await notebooksStore();
    const doc = await store.restore(deleted.id);
    setDeleted(null);
    await refresh();
    if (doc) navigate(href('notebook', doc.id));
  };

  // The prerendered walkthrough (index.html, a first visit) gives way to the stored notebook, in the
  // same frame, with what was typed and run in it (or a message says why there is no notebook).
  const settled = !!error || controller !== undefined;
  useLayoutEffect(() => {
    if (!settled) return;
    const handover = takePrerendered();
    if (handover && controller) carryOver(handover, controller);
  }, [settled, controller]);

  if (error) return <p role="alert">{error}</p>;
  return (
    <div class="nb-layout">
      <NotebookList
        notebooks={list ?? []}
        currentId={id}
        currentName={controller?.snapshot.doc.name}
        samples={SAMPLES}
        onCreate={() => void add(newNotebook())}
        onImport={(files) => void onImport(files)}
        onOpenSample={(s: Sample) => void openSample(s)}
      />
      <section class="page nb-main" aria-labelledby="page-title">
        {controller ? (
          // A notebook that fails to render is not reopened by the Notebook tab after a reload.
          <ErrorBoundary
            what={t('nb.notebookWhat', { name: controller.snapshot.doc.name })}
            resetKey={controller}
            onError={() => void notebooksStore().then((s) => s.setMeta(FAILED, controller.snapshot.doc.id))}>
            <OpenNotebook
              key={controller.snapshot.doc.id}
              controller={controller}
              cellId={cellId}
              onDuplicate={async () => {
                await controller.save();
                await add(duplicateNotebook(controller.snapshot.doc));
              }}
              onDelete={() => void onDelete(controller)}
              onRenamed={() => void refresh()}
            />
          </ErrorBoundary>
        ) : controller === null ? (
          <>
            <h1 id="page-title">{t('nb.notFound')}</h1>
            <p>
              {t('nb.notFoundBefore')}
              <code>{id}</code>
              {t('nb.notFoundAfter')} <a href={href('notebook')}>{t('nb.openYours')}</a>
            </p>
          </>
        ) : (
          <p aria-busy="true">{t('nb.opening')}</p>
        )}
        <div class="toast" role="status" aria-live="polite">
          {deleted && (
            <>
              {t('nb.deleted', { name: deleted.name })}{' '}
              <button type="button" onClick={() => void onUndoDelete()}>
                {t('common.undo')}
              </button>{' '}
              <button type="button" class="icon" aria-label={t('common.dismiss')} onClick={() => setDeleted(null)}>
                ×
              </button>
            </>
          )}
          {notice && !deleted && (
            <>
              {notice}{' '}
              <button type="button" class="icon" aria-label={t('common.dismiss')} onClick={() => setNotice(null)}>
                ×
              </button>
            </>
          )}
        </div>
      </section>
      <FilesPanel />
    </div>
  );
}

function OpenNotebook(props: {
  controller: NotebookController;
  cellId?: string;
  onDuplicate: () => void;
  onDelete: () => void;
  onRenamed: () => void;
}) {
  const { controller } = props;
  const state = useController(controller);
  // Rendered: if it had failed before, the Notebook tab may open it again.
  useEffect(() => {
    void notebooksStore().then(async (s) => {
      if ((await s.getMeta<string>(FAILED)) === controller.snapshot.doc.id) await s.setMeta(FAILED, null);
    });
  }, [controller]);
  // The list shows stored names: refresh it once a rename is stored (not on every autosave).
  const listed = useRef(state.doc.name);
  const onRenamed = useRef(props.onRenamed);
  onRenamed.current = props.onRenamed;
  useEffect(() => {
    if (state.save !== 'saved' || listed.current === state.doc.name) return;
    listed.current = state.doc.name;
    onRenamed.current();
  }, [state.doc.name, state.save]);
  return (
    <>
      <NotebookHeader state={state} controller={controller} onDuplicate={props.onDuplicate} onDelete={props.onDelete} />
      <NotebookView controller={controller} focusCell={props.cellId} />
    </>
  );
}
