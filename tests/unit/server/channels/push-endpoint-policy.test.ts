import { describe, expect, it } from "vitest";
import { checkPushEndpoint, KNOWN_PUSH_SERVICE_HOSTS, type PushEndpointPolicy } from "~/server/channels/push-endpoint-policy";

const production: PushEndpointPolicy = { allowHttp: false, hosts: KNOWN_PUSH_SERVICE_HOSTS };

function reason(endpoint: string, policy = production): string | null {
  const check = checkPushEndpoint(endpoint, policy);
  return check.ok ? null : check.reason;
}

describe("push endpoint policy", () => {
  it("accepts the endpoints real browsers hand out", () => {
    for (const endpoint of [
      "https://fcm.googleapis.com/fcm/send/dGVzdA:APA91b",
      "https://android.googleapis.com/gcm/send/abc",
      "https://updates.push.services.mozilla.com/wpush/v2/gAAAAA",
      "https://web.push.apple.com/QGx1c2gK",
      "https://wns2-by3p.notify.windows.com/w/?token=BQYAAAB",
      "https://FCM.GoogleAPIs.com:443/fcm/send/x",
    ]) {
      expect(reason(endpoint), endpoint).toBeNull();
    }
  });

  it("refuses hosts that are not push services, look-alikes included", () => {
    for (const host of ["127.0.0.1", "10.0.0.7", "169.254.169.254", "localhost", "[::1]", "fcm.googleapis.com.evil.example", "evilfcm.googleapis.com", "notify.windows.com"]) {
      expect(reason(`https://${host}/x`)).toBe(`${host} is not a known push service (PUSH_ENDPOINT_HOSTS lists the accepted ones)`);
    }
  });

  it("refuses anything but https unless http is allowed, and URLs with credentials", () => {
    expect(reason("http://fcm.googleapis.com/fcm/send/x")).toBe(
      "must be an https:// push service URL, not http: (PUSH_ALLOW_HTTP_ENDPOINTS allows http for local testing)",
    );
    expect(reason("file:///etc/passwd")).toMatch(/^must be an https:\/\/ push service URL, not file:/);
    expect(reason("http://127.0.0.1:9000/push", { allowHttp: true, hosts: ["127.0.0.1"] })).toBeNull();
    expect(reason("ftp://127.0.0.1/push", { allowHttp: true, hosts: null })).toMatch(/not ftp:/);
    expect(reason("https://user:pw@fcm.googleapis.com/fcm/send/x")).toBe("must not carry credentials");
    expect(reason("not a url")).toBe("the endpoint is not a URL");
  });

  it("takes any host when the policy lists none, and subdomains for a leading dot", () => {
    expect(reason("https://push.internal.example/x", { allowHttp: false, hosts: null })).toBeNull();
    const corp: PushEndpointPolicy = { allowHttp: false, hosts: [".push.corp.example"] };
    expect(reason("https://eu.push.corp.example/x", corp)).toBeNull();
    expect(reason("https://push.corp.example/x", corp)).not.toBeNull();
  });

  it("gives the URL it checked back to the sender", () => {
    const check = checkPushEndpoint("https://fcm.googleapis.com/fcm/send/x", production);
    expect(check.ok && check.url.host).toBe("fcm.googleapis.com");
  });
});
