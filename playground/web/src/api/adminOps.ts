// The admin screens' operations (Users, Models, the queue, the audit log). Checked
// by `npm run codegen` against schema/schema.graphql like ops.ts.
import { graphql } from "../gql";

export const SetQuotaMutation = graphql(`
  mutation SetQuota($userId: ID!, $maxPendingJobs: Int, $maxImagesPerDay: Int, $maxStorageBytes: Long) {
    setQuota(userId: $userId, maxPendingJobs: $maxPendingJobs, maxImagesPerDay: $maxImagesPerDay, maxStorageBytes: $maxStorageBytes) {
      id quota { maxPendingJobs maxImagesPerDay maxStorageBytes }
    }
  }
`);

export const AdminModelsQuery = graphql(`
  query AdminModels {
    models { key name type base description isDefault defaults }
  }
`);

export const InstallModelMutation = graphql(`
  mutation InstallModel($input: ModelInstallInput!) {
    installModel(input: $input) { key name type base description isDefault defaults }
  }
`);

export const UpdateModelMutation = graphql(`
  mutation UpdateModel($key: ID!, $defaults: JSON, $isDefault: Boolean) {
    updateModel(key: $key, defaults: $defaults, isDefault: $isDefault) { key isDefault defaults }
  }
`);

export const DeleteModelMutation = graphql(`
  mutation DeleteModel($key: ID!, $force: Boolean = false) { deleteModel(key: $key, force: $force) }
`);

export const ModelInstallProgressSubscription = graphql(`
  subscription ModelInstallProgress {
    modelInstallProgress { source stage message }
  }
`);

export const AdminQueueQuery = graphql(`
  query AdminQueue($status: QueueItemStatus) {
    queueStatus { paused policy pending inProgress completed failed canceled }
    queueItems(status: $status, first: 50) {
      id status createdAt ownerName isMine position error
      params { prompt model width height steps }
    }
  }
`);

export const PauseProcessorMutation = graphql(`
  mutation PauseProcessor { pauseProcessor { paused policy } }
`);

export const ResumeProcessorMutation = graphql(`
  mutation ResumeProcessor { resumeProcessor { paused policy } }
`);

export const SetQueuePolicyMutation = graphql(`
  mutation SetQueuePolicy($policy: QueuePolicy!) {
    setQueuePolicy(policy: $policy) { paused policy }
  }
`);

export const AdminCancelItemMutation = graphql(`
  mutation AdminCancelItem($id: ID!) {
    cancelQueueItem(id: $id) { id status }
  }
`);

export const AuditUsersQuery = graphql(`
  query AuditUsers { users { id displayName email } }
`);

export const AuditLogQuery = graphql(`
  query AuditLog($first: Int = 50, $after: String, $actorId: ID, $action: String) {
    auditLog(first: $first, after: $after, actorId: $actorId, action: $action) {
      id at action targetType targetId detail ip cursor
      actor { id displayName }
    }
  }
`);
