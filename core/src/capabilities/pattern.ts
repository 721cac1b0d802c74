/**
 * @module The topic and point patterns of the core's grants and event bus: the contracts' one
 * rule (`@heng/schemas/patterns`), named here for the capabilities' own imports.
 */
export {
  compilePattern,
  compilePatterns,
  MAX_TOPIC_LENGTH,
  matchTopic,
  patternProblem,
  pointPatternProblem,
  pointProblem,
  type TopicMatcher,
  topicProblem,
} from '@heng/schemas/patterns';
