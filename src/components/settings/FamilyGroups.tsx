import { createSignal, For, onMount, Show } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import { createGroup, deleteGroup, type FieldIssue, fetchGroups, setGroupMembers, type SettingsApiError, toSettingsApiError } from "~/lib/settings-api";
import { GROUP_NAME_MAX, type GroupView } from "~/shared/groups";
import { GroupCard } from "./GroupCard";

/** A refused member change reads best naming who was refused ("no account with this id or email: bobb"). */
function describe(error: SettingsApiError, members: readonly string[] = []): string {
  const unknown = error.issues.filter((issue: FieldIssue) => /^members\.\d+$/.test(issue.path)).map((issue) => members[Number(issue.path.split(".")[1])]);
  if (unknown.length > 0) return `No Beacon account with the email or id ${unknown.map((id) => `“${id}”`).join(", ")}. Only existing accounts can be added.`;
  return error.message;
}

/**
 * The family groups section: groups the user owns or belongs to, and a form to start one.
 * An alert published to a group reaches every member through their own preferences.
 */
export function FamilyGroups() {
  // A store reconciled by id: a group that changes keeps its card (and the keyboard focus in it).
  const [state, setState] = createStore<{ groups: GroupView[] | null }>({ groups: null });
  const groups = () => state.groups;
  const setGroups = (next: (current: GroupView[] | null) => GroupView[] | null) =>
    setState("groups", reconcile(next(state.groups ? [...state.groups] : null), { key: "id" }));
  const [loadError, setLoadError] = createSignal<string | null>(null);
  const [busyId, setBusyId] = createSignal<string | null>(null);
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [name, setName] = createSignal("");
  const [creating, setCreating] = createSignal(false);
  const [createError, setCreateError] = createSignal<string | null>(null);
  const [announcement, setAnnouncement] = createSignal("");
  let heading: HTMLHeadingElement | undefined;

  async function load() {
    setLoadError(null);
    try {
      const loaded = await fetchGroups();
      setGroups(() => loaded);
    } catch (error) {
      setLoadError(toSettingsApiError(error).message);
    }
  }
  onMount(() => void load());

  const setErrorFor = (id: string, message: string | null) =>
    setErrors((current) => {
      const next = { ...current };
      if (message) next[id] = message;
      else delete next[id];
      return next;
    });

  async function create(event: SubmitEvent) {
    event.preventDefault();
    const wanted = name().trim();
    if (!wanted) return setCreateError("Give the group a name.");
    setCreating(true);
    setCreateError(null);
    try {
      const group = await createGroup(wanted);
      setGroups((current) => [...(current ?? []), group]);
      setName("");
      setAnnouncement(`Created the group ${group.name}.`);
    } catch (error) {
      setCreateError(toSettingsApiError(error).message);
    } finally {
      setCreating(false);
    }
  }

  async function changeMembers(group: GroupView, members: string[]) {
    setBusyId(group.id);
    setErrorFor(group.id, null);
    try {
      const updated = await setGroupMembers(group.id, members);
      setGroups((current) => current?.map((candidate) => (candidate.id === updated.id ? updated : candidate)) ?? null);
      setAnnouncement(`Saved the members of ${updated.name}.`);
    } catch (error) {
      setErrorFor(group.id, describe(toSettingsApiError(error), members));
    } finally {
      setBusyId(null);
    }
  }

  async function remove(group: GroupView) {
    setBusyId(group.id);
    setErrorFor(group.id, null);
    try {
      await deleteGroup(group.id);
      setGroups((current) => current?.filter((candidate) => candidate.id !== group.id) ?? null);
      setAnnouncement(`Deleted the group ${group.name}.`);
      heading?.focus(); // its card, and the button that had the focus, are gone
    } catch (error) {
      setErrorFor(group.id, toSettingsApiError(error).message);
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section class="panel settings-section" aria-labelledby="groups-heading" data-testid="family-groups">
      <h2 id="groups-heading" tabIndex={-1} ref={heading}>
        Family groups
      </h2>
      <p class="panel__hint">
        An alert sent to a group reaches every member, each through their own delivery settings. Only people with a Beacon account can be
        added.
      </p>
      <Show when={loadError()}>
        <div class="form-error" role="alert">
          {loadError()}{" "}
          <button type="button" class="link-button" onClick={() => void load()}>
            Try again
          </button>
        </div>
      </Show>
      <Show when={groups()} fallback={<Show when={!loadError()}><p aria-busy="true">Loading your groups…</p></Show>}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="settings-empty">You are not in any family group yet.</p>}>
            <ul class="group-list">
              <For each={list()}>
                {(group) => (
                  <GroupCard
                    group={group}
                    busy={busyId() === group.id}
                    error={errors()[group.id] ?? null}
                    onSetMembers={(members) => void changeMembers(group, members)}
                    onDelete={() => void remove(group)}
                  />
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
      <form class="group-create" onSubmit={create}>
        <label class="settings-field">
          <span>New group name</span>
          <input type="text" value={name()} maxLength={GROUP_NAME_MAX} placeholder="e.g. Family" disabled={creating()} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <button type="submit" class="button" disabled={creating()}>
          {creating() ? "Creating…" : "Create group"}
        </button>
      </form>
      <Show when={createError()}>
        <p class="form-error" role="alert">
          {createError()}
        </p>
      </Show>
      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement()}
      </p>
    </section>
  );
}
