/** The DICOM tag browser: every element of the instance on screen, sequences as nested items. */
import { useEffect, useState } from 'react';
import type { TagNode } from '../../electron/shared/studyTypes';
import type { ApiClient } from '../api/apiClient';
import { Dialog } from './Dialog';

/** Props of {@link TagBrowser}. */
export interface TagBrowserProps {
  api: ApiClient;
  imageId: string;
  onClose: () => void;
}

function TagRows({ tags, depth }: { tags: TagNode[]; depth: number }) {
  return (
    <>
      {tags.map((t, i) => (
        <TagRow key={`${t.tag}-${i}`} node={t} depth={depth} />
      ))}
    </>
  );
}

function TagRow({ node, depth }: { node: TagNode; depth: number }) {
  const indent = { paddingLeft: `${depth * 1.25 + 0.5}rem` };
  return (
    <>
      <tr>
        <td style={indent} className="mono">
          {node.tag}
        </td>
        <td className="mono">{node.vr}</td>
        <td>{node.name}</td>
        <td className="tag-value">{node.items ? `${node.items.length} item${node.items.length === 1 ? '' : 's'}` : node.value}</td>
      </tr>
      {node.items?.map((item, i) => (
        <ItemRows key={i} item={item} index={i} depth={depth + 1} />
      ))}
    </>
  );
}

function ItemRows({ item, index, depth }: { item: TagNode[]; index: number; depth: number }) {
  return (
    <>
      <tr className="tag-item">
        <td colSpan={4} style={{ paddingLeft: `${depth * 1.25 + 0.5}rem` }}>
          Item {index + 1}
        </td>
      </tr>
      <TagRows tags={item} depth={depth + 1} />
    </>
  );
}

function matches(node: TagNode, q: string): boolean {
  return (
    `${node.tag} ${node.name} ${node.value}`.toLowerCase().includes(q) ||
    (node.items ?? []).some((item) => item.some((n) => matches(n, q)))
  );
}

/** Modal tag table with a filter box. */
export function TagBrowser({ api, imageId, onClose }: TagBrowserProps) {
  const [tags, setTags] = useState<TagNode[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  useEffect(() => {
    let live = true;
    api.call('frames.tags', { imageId }).then(
      (r) => live && setTags(r.tags),
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [api, imageId]);
  const q = filter.trim().toLowerCase();
  const shown = tags && q ? tags.filter((t) => matches(t, q)) : tags;
  return (
    <Dialog title="DICOM tags" onClose={onClose} wide>
      <input
        className="tag-filter"
        type="search"
        placeholder="Filter by tag, name or value"
        aria-label="Filter tags"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      {error && <p role="alert">{error}</p>}
      {!tags && !error && <p>Loading…</p>}
      {shown && (
        <div className="tag-table-wrap">
          <table className="tag-table">
            <thead>
              <tr>
                <th scope="col">Tag</th>
                <th scope="col">VR</th>
                <th scope="col">Name</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              <TagRows tags={shown} depth={0} />
            </tbody>
          </table>
        </div>
      )}
    </Dialog>
  );
}
