/** The notifications module's public face (module boundaries, docs/ARCHITECTURE.md). */
import './notifications.tables.js';

export { notificationsRoutes } from './notifications.routes.js';
export { Notifier, type NotificationInput } from './notifier.js';
