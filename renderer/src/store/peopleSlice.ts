import type { Assignment, RequestOf, ReviewSettings } from '../../../shared/contract/api';
import type { Role, User } from '../../../shared/domain/user';
import { errorMessage } from '../api/client';
import type { SliceCreator } from './types';

export interface NewPersonInput {
  name: string;
  role: Role;
  password?: string;
}

export interface PeopleState {
  /** Everyone in the project, by name (for names next to tubes, comments and figures). */
  users: User[];
  usersLoaded: boolean;
  reviewSettings: ReviewSettings | null;
  assignments: Assignment[];
  assignmentsLoaded: boolean;
}

export interface PeopleSlice extends PeopleState {
  loadUsers(): Promise<void>;
  /**
   * Adds a person; the engine's refusal, or null. The first person of an open project is its admin, and
   * this client goes on as them (signed in over HTTP, their profile picked on the desktop).
   */
  addPerson(input: NewPersonInput): Promise<string | null>;
  updatePerson(userId: string, patch: { role?: Role; disabled?: boolean; name?: string }): Promise<boolean>;
  setPersonPassword(userId: string, password: string): Promise<string | null>;
  loadReviewSettings(): Promise<void>;
  updateReviewSettings(patch: Partial<ReviewSettings>): Promise<boolean>;
  loadAssignments(): Promise<void>;
  /** Assigns; how many assignments were made, or null when refused (said in a notice). */
  createAssignments(input: RequestOf<'assignments.create'>): Promise<number | null>;
  removeAssignment(assignmentId: string): Promise<void>;
}

export const initialPeopleState: PeopleState = {
  users: [],
  usersLoaded: false,
  reviewSettings: null,
  assignments: [],
  assignmentsLoaded: false,
};

/** A person's name, or a short form of the id of someone not (or no longer) in the list. */
export function personName(users: readonly User[], id: string | null): string {
  if (id === null) return 'the local user';
  return users.find((u) => u.id === id)?.name ?? `someone (${id.slice(0, 8)})`;
}

export const createPeopleSlice: SliceCreator<PeopleSlice> = (client) => (set, get) => ({
  ...initialPeopleState,
  async loadUsers() {
    try {
      const users = await client.call('users.list', {});
      set({ users, usersLoaded: true });
    } catch {
      // Names then show as short ids; the pages that need the list say why it is missing.
      set({ usersLoaded: true });
    }
  },
  async addPerson(input) {
    const first = get().authMode === 'open';
    let made: User;
    try {
      made = await client.call('users.create', input);
    } catch (err) {
      return errorMessage(err);
    }
    if (first) {
      // The project is secured now: go on as its admin.
      const refused =
        client.transport.kind === 'electron'
          ? await get().pickProfile(made.id)
          : await get().signIn(input.name, input.password ?? '');
      if (refused) return `${made.name} was added, but signing in as them failed: ${refused}`;
    }
    get().notify('info', `${made.name} was added as an ${made.role}.`);
    await get().loadUsers();
    return null;
  },
  async updatePerson(userId, patch) {
    try {
      const user = await client.call('users.update', { userId, ...patch });
      set((s) => ({ users: s.users.map((u) => (u.id === user.id ? user : u)) }));
      return true;
    } catch (err) {
      get().notify('error', `Cannot change ${personName(get().users, userId)}: ${errorMessage(err)}`);
      return false;
    }
  },
  async setPersonPassword(userId, password) {
    try {
      await client.call('users.setPassword', { userId, password });
    } catch (err) {
      return errorMessage(err);
    }
    await get().loadUsers();
    return null;
  },
  async loadReviewSettings() {
    try {
      set({ reviewSettings: await client.call('review.settings', {}) });
    } catch (err) {
      get().notify('error', `Cannot read the review settings: ${errorMessage(err)}`);
    }
  },
  async updateReviewSettings(patch) {
    try {
      set({ reviewSettings: await client.call('review.updateSettings', patch) });
      return true;
    } catch (err) {
      get().notify('error', `Cannot change the review settings: ${errorMessage(err)}`);
      return false;
    }
  },
  async loadAssignments() {
    try {
      set({ assignments: await client.call('assignments.list', {}), assignmentsLoaded: true });
    } catch (err) {
      get().notify('error', `Cannot list the assignments: ${errorMessage(err)}`);
    }
  },
  async createAssignments(input) {
    try {
      const made = await client.call('assignments.create', input);
      await get().loadAssignments();
      return made.length;
    } catch (err) {
      get().notify('error', `Cannot assign: ${errorMessage(err)}`);
      return null;
    }
  },
  async removeAssignment(assignmentId) {
    try {
      await client.call('assignments.remove', { assignmentId });
      set((s) => ({ assignments: s.assignments.filter((a) => a.id !== assignmentId) }));
    } catch (err) {
      get().notify('error', `Cannot remove the assignment: ${errorMessage(err)}`);
    }
  },
});
