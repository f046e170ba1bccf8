/**
 * The desktop notification at launch (tauri-plugin-notification). Where
 * notifications are unavailable or refused, it does nothing: the app shows
 * the same summary above the due list.
 */
import { isPermissionGranted, requestPermission, sendNotification } from "@tauri-apps/plugin-notification";

/** Sends a notification if the system allows it; never throws. */
export async function notifyDesktop(title: string, body: string): Promise<boolean> {
  try {
    let granted = await isPermissionGranted();
    if (!granted) granted = (await requestPermission()) === "granted";
    if (!granted) return false;
    sendNotification({ title, body });
    return true;
  } catch {
    return false;
  }
}
