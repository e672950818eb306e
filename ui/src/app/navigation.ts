/**
 * Lets a section send the user to another one (e.g. Workspace → Terminal) without knowing
 * the shell: the shell listens, sections call `navigateTo`.
 */
type Listener = (sectionId: string) => void;
const listeners = new Set<Listener>();

export function navigateTo(sectionId: string) {
  for (const l of listeners) l(sectionId);
}

export function onNavigate(l: Listener): () => void {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
}
