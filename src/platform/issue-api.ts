/**
 * The few issue calls reconcile's alerts need, as platform code implements them (GitHub's REST
 * paths, which Gitea and Forgejo also serve). Kept here so src/platform imports no domain folder.
 */
export interface IssueSummary {
  number: number;
  title: string;
  body: string;
}

export interface IssueApi {
  listOpen(): Promise<IssueSummary[]>;
  create(title: string, body: string): Promise<number>;
  updateBody(number: number, body: string): Promise<void>;
  close(number: number, comment: string): Promise<void>;
}
