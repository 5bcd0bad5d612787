/** The parts of Hetzner Cloud API objects we read (docs.hetzner.cloud, "Servers", "Actions", "SSH Keys"). */

export interface HcloudAction {
  id: number;
  command: string;
  status: 'running' | 'success' | 'error';
  progress: number;
  error: { code: string; message: string } | null;
}

export interface HcloudServer {
  id: number;
  name: string;
  status: string;
  created: string;
  labels: Record<string, string>;
  public_net: {
    ipv4: { ip: string } | null;
    /** A /64 network such as `2001:db8:1:2::/64`; the server answers on `::1`. */
    ipv6: { ip: string } | null;
  };
}

export interface HcloudSshKey {
  id: number;
  name: string;
  fingerprint: string;
  labels: Record<string, string>;
}

export interface CreateServerResponse {
  server: HcloudServer;
  action: HcloudAction;
  next_actions: HcloudAction[];
  root_password: string | null;
}
