/**
 * The calls the result card needs on a pull request, as platform code implements them:
 * GitHub's REST paths for issue comments and commit statuses, which Gitea and Forgejo serve
 * under `/api/v1` with the same bodies. Kept here so src/platform imports no domain folder.
 */
export interface ReviewComment {
  id: number;
  body: string;
  url: string;
}

export type CommitState = 'success' | 'failure' | 'error' | 'pending';

export interface CommitStatus {
  state: CommitState;
  /** The status's name on the commit, e.g. `recipe-ci/lab`; a later post replaces it. */
  context: string;
  description: string;
  targetUrl?: string | undefined;
}

export interface ReviewApi {
  listComments(issue: number): Promise<ReviewComment[]>;
  createComment(issue: number, body: string): Promise<ReviewComment>;
  updateComment(id: number, body: string): Promise<ReviewComment>;
  deleteComment(id: number): Promise<void>;
  setStatus(sha: string, status: CommitStatus): Promise<void>;
}

/** A failed call, with the status the forge answered (undefined when none came back). */
export { ForgeApiError as ReviewApiError } from './forge-api.ts';
