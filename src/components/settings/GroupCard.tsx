import { createSignal, For, Show } from "solid-js";
import type { GroupView } from "~/shared/groups";

/**
 * One family group. Its owner can add a member by email or account id, remove members and
 * delete the group (with a second, explicit confirmation); other members just see who is in it.
 */
export function GroupCard(props: {
  group: GroupView;
  busy: boolean;
  error: string | null;
  onSetMembers: (members: string[]) => void;
  onDelete: () => void;
}) {
  const [newMember, setNewMember] = createSignal("");
  const [confirming, setConfirming] = createSignal(false);
  // The buttons that appear and disappear here take the keyboard focus with them, so it is
  // put back somewhere sensible each time.
  let addInput: HTMLInputElement | undefined;
  let deleteButton: HTMLButtonElement | undefined;
  let keepButton: HTMLButtonElement | undefined;
  const confirmDelete = (on: boolean) => {
    setConfirming(on);
    (on ? keepButton : deleteButton)?.focus();
  };
  const headingId = () => `group-${props.group.id}`;
  const memberIds = () => props.group.members.map((member) => member.id);

  function add(event: SubmitEvent) {
    event.preventDefault();
    const id = newMember().trim();
    if (!id || props.busy) return;
    props.onSetMembers([...memberIds(), id]);
    setNewMember("");
  }

  return (
    <li class="group-card" aria-labelledby={headingId()} data-testid="group-card">
      <div class="group-card__header">
        <h3 id={headingId()}>{props.group.name}</h3>
        <span class="group-card__role">{props.group.owned ? "You own this group" : `Owned by ${props.group.members[0]?.name ?? props.group.ownerId}`}</span>
      </div>
      <ul class="group-card__members" aria-label={`Members of ${props.group.name}`}>
        <For each={props.group.members}>
          {(member) => (
            <li class="group-member">
              <span>
                {member.name} <span class="group-member__id">({member.id})</span>
              </span>
              <Show when={props.group.owned && member.id !== props.group.ownerId}>
                <button
                  type="button"
                  class="button button--small button--ghost"
                  disabled={props.busy}
                  aria-label={`Remove ${member.name} from ${props.group.name}`}
                  onClick={() => {
                    addInput?.focus();
                    props.onSetMembers(memberIds().filter((id) => id !== member.id));
                  }}
                >
                  Remove
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.group.owned}>
        <form class="group-card__add" onSubmit={add}>
          <label class="settings-field">
            <span>Add a member by email or account id</span>
            <input
              ref={addInput}
              type="text"
              value={newMember()}
              placeholder="e.g. bob@example.com"
              inputmode="email"
              autocomplete="off"
              spellcheck={false}
              readOnly={props.busy}
              onInput={(e) => setNewMember(e.currentTarget.value)}
            />
          </label>
          <button type="submit" class="button button--small" aria-disabled={props.busy || !newMember().trim()}>
            Add member
          </button>
        </form>
        <div class="group-card__danger">
          <Show
            when={confirming()}
            fallback={
              <button ref={deleteButton} type="button" class="button button--small button--ghost" disabled={props.busy} onClick={() => confirmDelete(true)}>
                Delete group
              </button>
            }
          >
            <span>Delete “{props.group.name}” for everyone in it?</span>
            <button type="button" class="button button--small button--danger" disabled={props.busy} onClick={() => props.onDelete()}>
              Yes, delete
            </button>
            <button ref={keepButton} type="button" class="button button--small button--ghost" onClick={() => confirmDelete(false)}>
              Keep it
            </button>
          </Show>
        </div>
      </Show>
      <Show when={props.error}>
        <p class="form-error" role="alert">
          {props.error}
        </p>
      </Show>
    </li>
  );
}
