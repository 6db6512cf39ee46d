/**
 * The peers' whole "publisher": stamp an id and a time, hand the alert frame to the
 * server's own delivery, report delivered_live or no_live_socket like Beacon does.
 */
import { randomUUID } from "node:crypto";
import type { BenchPublisher } from "../../src/server/bench/plan";
import type { AlertInput } from "../../src/shared/alert";

export interface PeerAlert extends AlertInput {
  id: string;
  userId: string;
  createdAt: string;
}

/** Delivers one alert to every socket of its user; returns how many sockets got it. */
export type Deliver = (alert: PeerAlert) => number;

export interface PeerReport {
  alertId: string;
  userId: string;
  status: "delivered_live" | "no_live_socket";
}

/** Fits BenchPublisher, so the in-process bench plan runs against it exactly as against Beacon's. */
export interface PeerPublisher extends BenchPublisher {
  publishAlert(userId: string, alert: AlertInput): Promise<PeerReport>;
  publishToGroup(userIds: readonly string[], alert: AlertInput): Promise<PeerReport[]>;
}

export function createPeerPublisher(deliver: Deliver): PeerPublisher {
  const publishAlert = async (userId: string, input: AlertInput): Promise<PeerReport> => {
    const alert: PeerAlert = { ...input, id: randomUUID(), userId, createdAt: new Date().toISOString() };
    const sockets = deliver(alert);
    return { alertId: alert.id, userId, status: sockets > 0 ? "delivered_live" : "no_live_socket" };
  };
  return {
    publishAlert,
    publishToGroup: (userIds, input) => Promise.all([...new Set(userIds)].map((userId) => publishAlert(userId, input))),
  };
}
