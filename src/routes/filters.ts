import type { ReadModel } from '../db/read-model.js';
import { invalidParameter } from '../http/problems.js';

/** A topic filter must name a known slug; the error lists the valid ones. */
export function checkTopic(readModel: ReadModel, topic: string | undefined): void {
  if (topic !== undefined && !readModel.getTopic(topic)) {
    throw invalidParameter('topic', `unknown topic "${topic}"`, readModel.topicSlugs());
  }
}
